// Who is signed in, for the whole UI. The backend checks every call; this
// only decides what to show.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";

import { commands, type UserInfo } from "../bindings";
import { unwrap } from "./api";

type Session = { user: UserInfo; signOut: () => Promise<void> };
const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in tree");
  return s;
}

export function useAuthStatus() {
  return useQuery({ queryKey: ["authStatus"], queryFn: () => unwrap(commands.authStatus()), staleTime: Infinity });
}

export function SessionProvider({ user, children }: { user: UserInfo; children: ReactNode }) {
  const queryClient = useQueryClient();
  const signOut = async () => {
    await unwrap(commands.authSignOut());
    // Nothing the last person loaded stays in memory for the next one.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "authStatus" });
    queryClient.setQueryData(["authStatus"], { needsSetup: false, user: null });
  };
  return <SessionContext.Provider value={{ user, signOut }}>{children}</SessionContext.Provider>;
}
