namespace AppServer.Bench.Driver;

/// <summary>One server's value in a report row: the text, the number (for the ratio) and whether it meets the row's target.</summary>
internal sealed record ReportCell(string Text, double? Value = null, bool? Met = null)
{
    public static ReportCell Missing { get; } = new("n/a");

    public string Display => Met switch
    {
        true => Text + " ✓",
        false => Text + " ✗",
        null => Text,
    };
}
