using AppServer.Auth.Storage;

namespace AppServer.Auth.Manager;

/// <summary>
/// Whose credentials a record holds: the ChatGPT account id and user id together. The guarded
/// reload adopts tokens from disk only for the same identity; upstream compared the account id
/// alone, so a legacy record without one could never refresh.
/// </summary>
internal static class CredentialIdentity
{
    public static bool AreSame(AuthRecord a, AuthRecord b)
    {
        if (a.Tokens is not { } left || b.Tokens is not { } right)
        {
            return false;
        }

        var leftUser = left.IdClaims.ChatGptUserId;
        var rightUser = right.IdClaims.ChatGptUserId;
        if (left.AccountId is null && leftUser is null)
        {
            // Nothing identifies this record; adopting anything for it would be a guess.
            return false;
        }

        return string.Equals(left.AccountId, right.AccountId, StringComparison.Ordinal)
            && string.Equals(leftUser, rightUser, StringComparison.Ordinal);
    }
}
