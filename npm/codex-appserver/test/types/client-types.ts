// Compiled (never run) by `npm run build`: the typed client must accept what the protocol allows
// and reject what it does not. Each @ts-expect-error fails the build if the line stops being an error.
import { spawnAppServer, type AppServerConnection, type GetAuthStatusResponse } from "../../src/index";

export async function typed(connection: AppServerConnection): Promise<void> {
  const status: GetAuthStatusResponse = await connection.getAuthStatus({ includeToken: true });
  const account = await connection.accountRead();
  account.account?.type satisfies "apiKey" | "chatgpt" | undefined;
  await connection.accountLoginStart({ type: "apiKey", apiKey: "sk-example" });
  await connection.request("account/logout");
  connection.onAccountUpdated((params) => params.authMode satisfies "apikey" | "chatgpt" | "chatgptAuthTokens" | null);
  connection.on("account/login/completed", (params) => params.success satisfies boolean);

  // @ts-expect-error getAuthStatus takes params
  await connection.getAuthStatus();
  // @ts-expect-error no such login type
  await connection.accountLoginStart({ type: "password" });
  // @ts-expect-error no such method
  await connection.request("no/such/method", {});
  // @ts-expect-error no such notification
  connection.on("account/deleted", () => {});
  // @ts-expect-error initialize is done by spawnAppServer
  await connection.initialize({ clientInfo: { name: "x", version: "1" } });
  void status;
}

export async function spawned(): Promise<string> {
  const connection = await spawnAppServer({ clientInfo: { name: "example", version: "1.0.0" } });
  // @ts-expect-error clientInfo needs a version
  await spawnAppServer({ clientInfo: { name: "example" } });
  return connection.initializeResult.userAgent;
}
