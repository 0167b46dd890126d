// Glue between the generated bindings and the UI: results become values or
// thrown ApiErrors, and errors become sentences in the person's language.
import { convertFileSrc } from "@tauri-apps/api/core";
import type { TFunction } from "i18next";

import type { ApiError } from "../bindings";

export type Result<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };

export class ApiFailure extends Error {
  constructor(public readonly apiError: ApiError) {
    super(apiError.message);
  }
}

/** The data of a command result, or a thrown ApiFailure (for TanStack Query). */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.status === "error") throw new ApiFailure(result.error);
  return result.data;
}

function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A translated message for any error: by its code when we know it, else its own text. */
export function errorText(t: TFunction, error: unknown): string {
  const candidate: unknown = error instanceof ApiFailure ? error.apiError : error;
  // Framework-level failures (ACL, bad arguments) arrive as plain strings.
  const api = isApiError(candidate) ? candidate : null;
  if (!api) return t("errors.unknown", { message: typeof candidate === "string" ? candidate : String(error) });
  const key = `errors.${api.code}`;
  const params: Record<string, string> = { file: "", message: api.message, ...(api.params as Record<string, string>) };
  return t(key, { ...params, defaultValue: api.message });
}

/** `img://localhost/{hash}` (or `http://img.localhost/{hash}` where the platform needs it). */
export function imageUrl(hash: string, width?: 128 | 256 | 512 | 1024): string {
  const base = convertFileSrc(hash, "img");
  return width ? `${base}?w=${width}` : base;
}

export function formatBytes(n: number, lang: string): string {
  const units = ["B", "KB", "MB", "GB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}
