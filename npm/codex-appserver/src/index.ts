export { AppServerBinaryError, BINARY_OVERRIDE_VARIABLE, PLATFORM_PACKAGES, binaryPath } from "./binary";
export type { BinaryErrorCode, BinaryPathOptions } from "./binary";
export { notificationMethods, requestMethods, spawnAppServer } from "./client";
export type {
  AppServerConnection,
  ExitInfo,
  NotificationApi,
  NotificationHandler,
  NotificationMethod,
  ParamsOf,
  RequestApi,
  RequestArgs,
  RequestMethod,
  ResultOf,
  SpawnOptions,
} from "./client";
export type * from "./generated/AppServerProtocol";
export type { RequestTypes, ServerNotificationTypes } from "./generated/methods";
// The same vscode-jsonrpc instance the connection uses, so `instanceof ResponseError` holds.
export { CancellationTokenSource, ErrorCodes, ResponseError } from "vscode-jsonrpc/node";
