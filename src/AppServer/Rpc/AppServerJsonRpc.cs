using AppServer.Framing;
using AppServer.Hosting;
using AppServer.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AppServer.Rpc;

/// <summary>
/// StreamJsonRpc with this server's error policy: contract codes and messages for known errors, a
/// generic -32603 for everything else, and never any <c>error.data</c> (StreamJsonRpc fills it with
/// exception types and stack traces by default, from several places, so it is stripped on send).
/// </summary>
internal sealed partial class AppServerJsonRpc(IJsonRpcMessageHandler messageHandler, ConnectionSession session, ILogger logger) : JsonRpc(messageHandler)
{
    private readonly IRequestParking? _parking = messageHandler as IRequestParking;

    protected override ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        // Flows into the handler (invoked synchronously up to its first await) for AfterResponse.
        RequestScope.Current = request.RequestId;
        RequestScope.Parking = _parking;
        return base.DispatchRequestAsync(request, targetMethod, cancellationToken);
    }

    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        switch (exception)
        {
            case ProtocolErrorException protocolError:
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)protocolError.Code, Message = protocolError.Message };
            case OperationCanceledException:
                return new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.RequestCanceled, Message = ErrorMessages.RequestCanceled };
            default:
                // The full exception goes to stderr only; the client learns nothing about internals.
                LogUnexpectedError(logger, ClientText.ForLog(request.Method), exception);
                return new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.InternalError, Message = ErrorMessages.InternalError };
        }
    }

    protected override async ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        if (message is JsonRpcError { Error: { } error })
        {
            Sanitize(error);
        }

        await base.SendAsync(message, cancellationToken).ConfigureAwait(false);
        switch (message)
        {
            case JsonRpcResult result:
                await session.AfterResponse.RunAsync(result.RequestId).ConfigureAwait(false);
                break;
            case JsonRpcError { RequestId: var id } when !id.IsEmpty:
                await session.AfterResponse.RunAsync(id).ConfigureAwait(false);
                break;
        }
    }

    private static void Sanitize(JsonRpcError.ErrorDetail error)
    {
        error.Data = null;
        switch (error.Code)
        {
            case JsonRpcErrorCode.InvalidParams when error.Message?.StartsWith("Invalid params", StringComparison.Ordinal) != true:
                // StreamJsonRpc's own binding failures name CLR methods and types.
                error.Message = "Invalid params: params must be a single JSON object";
                break;
            case JsonRpcErrorCode.RequestCanceled:
                // StreamJsonRpc answers a cancelled handler itself ("The task was cancelled."),
                // without asking CreateErrorDetails; clients match the documented text.
                error.Message = ErrorMessages.RequestCanceled;
                break;
            case JsonRpcErrorCode.InvocationError:
            case JsonRpcErrorCode.ResponseSerializationFailure:
            case JsonRpcErrorCode.InvocationErrorWithException:
                error.Code = JsonRpcErrorCode.InternalError;
                error.Message = ErrorMessages.InternalError;
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while handling '{Method}'")]
    private static partial void LogUnexpectedError(ILogger logger, string method, Exception exception);
}
