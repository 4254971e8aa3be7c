namespace AppServer.Auth.Login;

/// <summary>The answer to <c>account/login/cancel</c>; the wire spells these <c>"canceled"</c> and <c>"notFound"</c>.</summary>
internal enum CancelLoginStatus
{
    Canceled,
    NotFound,
}
