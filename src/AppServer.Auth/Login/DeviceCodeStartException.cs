namespace AppServer.Auth.Login;

/// <summary>A device-code login could not start. The message is safe to send to the client.</summary>
internal sealed class DeviceCodeStartException : Exception
{
    public DeviceCodeStartException()
    {
    }

    public DeviceCodeStartException(string message)
        : base(message)
    {
    }

    public DeviceCodeStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeviceCodeStartException(DeviceCodeStartFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    public DeviceCodeStartFailure Failure { get; } = DeviceCodeStartFailure.RequestFailed;
}
