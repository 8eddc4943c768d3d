using System.Security.Cryptography;

namespace Receiver.Accounts;

/// <summary>Passwords that camera firmware accepts everywhere: letters and digits only, long enough to need no slow hash.</summary>
public static class PasswordGenerator
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>24 characters from a 57-letter alphabet: about 140 bits.</summary>
    public static string Generate(int length = 24) => RandomNumberGenerator.GetString(Alphabet, length);
}
