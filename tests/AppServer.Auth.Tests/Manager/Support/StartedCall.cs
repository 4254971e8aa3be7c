namespace AppServer.Auth.Tests.Manager.Support;

/// <summary>A call already issued, boxed so <see cref="Task.Run(Func{Task})"/> does not unwrap (and so wait for) it.</summary>
internal sealed record StartedCall<T>(Task<T> Call);
