using System.Globalization;
using AppServer.Auth.Login;

namespace AppServer.Cli;

/// <summary>Login settings from the command line and environment.</summary>
internal static class LoginSettings
{
    /// <summary>Upstream honours it in debug builds only; here it works in every build (tests, the dev issuer).</summary>
    public const string IssuerVariable = "CODEX_APP_SERVER_LOGIN_ISSUER";

    /// <summary>The browser-login callback port; 0 picks any free port.</summary>
    public const string PortVariable = "APPSERVER_LOGIN_PORT";

    public static bool TryCreate(string? issuerOption, out LoginOptions options, out string? error)
    {
        options = new LoginOptions();
        error = null;
        var issuer = issuerOption ?? Environment.GetEnvironmentVariable(IssuerVariable);
        if (!string.IsNullOrWhiteSpace(issuer))
        {
            if (!Uri.TryCreate(issuer.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                error = "the login issuer must be an absolute http(s) URL.";
                return false;
            }

            options = options with { Issuer = uri.GetLeftPart(UriPartial.Path).TrimEnd('/') };
        }

        if (Environment.GetEnvironmentVariable(PortVariable) is { Length: > 0 } portText)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                error = $"{PortVariable} must be a port number (0 for any free port).";
                return false;
            }

            options = options with { Port = port };
        }

        return true;
    }
}
