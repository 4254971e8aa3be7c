using AppServer.Auth.CrossProcess;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Storage;

public sealed class AuthFileStoreConcurrencyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SaveAndLoad_ConcurrentWritersAndReader_ReaderNeverSeesCorruptAndNoTempFilesRemain()
    {
        // Arrange (DISK-03, DISK-04): several store instances, as several IDE windows would have.
        const int Writers = 8;
        const int SavesPerWriter = 50;
        var logger = new CapturingLogger<AuthFileStore>();
        var reader = new AuthFileStore(_temp.Path, logger);
        new AuthFileStore(_temp.Path, logger).Save(AuthRecordFactory.ForApiKey("sk-initial"));
        var written = new HashSet<AuthRecord> { AuthRecordFactory.ForApiKey("sk-initial") };
        for (int w = 0; w < Writers; w++)
        {
            for (int i = 0; i < SavesPerWriter; i++)
            {
                written.Add(RecordFor(w, i));
            }
        }

        using var start = new Barrier(Writers + 1);
        var failures = new List<string>();
        int loads = 0;
        bool writersDone = false;

        var writerThreads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            var store = new AuthFileStore(_temp.Path, logger);
            start.SignalAndWait();
            try
            {
                for (int i = 0; i < SavesPerWriter; i++)
                {
                    store.Save(RecordFor(w, i));
                }
            }
            catch (Exception ex)
            {
                lock (failures)
                {
                    failures.Add($"writer {w}: {ex}");
                }
            }
        })).ToList();

        var readerThread = new Thread(() =>
        {
            start.SignalAndWait();

            // At least one load after the writers finish, so the final state is checked too.
            bool last;
            do
            {
                last = Volatile.Read(ref writersDone);
                AuthLoadResult result = reader.Load();
                loads++;
                if (result is not AuthLoadResult.Loaded { Record: var record } || !written.Contains(record))
                {
                    lock (failures)
                    {
                        failures.Add(result.ToString());
                    }
                }
            }
            while (!last);
        });

        // Act
        writerThreads.ForEach(t => t.Start());
        readerThread.Start();
        writerThreads.ForEach(t => t.Join());
        Volatile.Write(ref writersDone, true);
        readerThread.Join();

        // Assert
        failures.Should().BeEmpty();
        loads.Should().BeGreaterThan(1);
        logger.Entries.Should().BeEmpty();
        _temp.ListNames().Except([CodexWriteLocks.AuthLockName, CodexWriteLocks.AuthJsonLockName]).Should().Equal("auth.json");
    }

    private static AuthRecord RecordFor(int writer, int save) =>
        (save % 2 == 0)
            ? AuthRecordFactory.ForApiKey($"sk-writer-{writer}-save-{save}")
            : AuthFiles.TypicalChatGptRecord() with
            {
                Tokens = AuthFiles.TypicalChatGptRecord().Tokens! with { AccessToken = $"at-writer-{writer}-save-{save}" },
            };
}
