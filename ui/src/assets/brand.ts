// The app icon as a data: URL, so the CSP's img-src needs no 'self'.
import iconUrl from "./icon.png?inline";

export const BRAND_ICON = iconUrl;
