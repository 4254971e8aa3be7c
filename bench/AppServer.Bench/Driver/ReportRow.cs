namespace AppServer.Bench.Driver;

/// <summary>One line of the figures table: a figure (or a detail of it), its target, and one cell per server.</summary>
internal sealed record ReportRow(string Number, string Figure, string Target, IReadOnlyList<ReportCell> Cells);
