using System.Net;

namespace AppServer.Auth.Login;

/// <summary>The pages the callback server shows in the user's browser (docs/codex-compatibility.md §8.1).</summary>
internal static class LoginPages
{
    public const string SuccessTitle = "Sign into Codex";
    public const string SuccessHeading = "Signed in to Codex";
    public const string ErrorTitle = "Codex Sign-in Error";

    public static string Success { get; } = Page(
        SuccessTitle,
        $"<h1>{SuccessHeading}</h1><p>You may now close this page and return to Codex.</p>");

    /// <summary>The error page for <paramref name="message"/>, which is HTML-encoded (it may quote the issuer).</summary>
    public static string Error(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Page(
            ErrorTitle,
            $"<h1>Sign-in could not be completed</h1><p>{WebUtility.HtmlEncode(message)}</p>"
            + "<p>Return to Codex to retry, switch accounts, or contact your workspace admin if access is restricted.</p>");
    }

    private static string Page(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + $"<title>{title}</title></head><body>{body}</body></html>";
}
