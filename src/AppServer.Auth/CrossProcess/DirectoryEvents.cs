namespace AppServer.Auth.CrossProcess;

/// <summary>
/// One <see cref="FileSystemWatcher"/> per directory, shared by every <see cref="AuthFileWatcher"/>
/// whose file is in it. <c>auth.json</c> and <c>appserver-refresh-status.json</c> both live in
/// <c>CODEX_HOME</c>; a watcher each would cost the server two inotify instances and two event
/// threads for one directory, in every window the IDE opens. Events are handed to the subscribers
/// of the file they name; the first subscription opens the watcher and the last one closes it.
/// </summary>
internal sealed class DirectoryEvents
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, DirectoryEvents> s_open = new(NameComparer);

    private readonly string _directory;
    private readonly FileSystemWatcher _watcher;
    private readonly List<Subscription> _subscribers = [];

    private DirectoryEvents(string directory)
    {
        _directory = directory;
        var watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        try
        {
            watcher.Changed += (_, args) => Dispatch(args.Name);
            watcher.Created += (_, args) => Dispatch(args.Name);
            watcher.Deleted += (_, args) => Dispatch(args.Name);
            watcher.Renamed += (_, args) =>
            {
                Dispatch(args.OldName);
                Dispatch(args.Name);
            };
            watcher.Error += (_, args) => DispatchError(args.GetException().Message);
            watcher.EnableRaisingEvents = true;
        }
        catch
        {
            watcher.Dispose();
            throw;
        }

        _watcher = watcher;
    }

    /// <summary>How many subscribers share the watcher of <paramref name="directory"/>; 0 when none is open.</summary>
    internal static int SubscriberCount(string directory)
    {
        lock (s_gate)
        {
            return s_open.TryGetValue(Key(directory), out var events) ? events._subscribers.Count : 0;
        }
    }

    /// <summary>File names as the file system compares them (case-insensitive off Linux, as APFS and NTFS are by default).</summary>
    private static StringComparer NameComparer => OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// Calls <paramref name="onChange"/> for every event naming <paramref name="fileName"/> in
    /// <paramref name="directory"/>, and <paramref name="onError"/> when the watcher reports an error
    /// (an overflow: events were lost). Throws what <see cref="FileSystemWatcher"/> throws when the
    /// directory cannot be watched; nothing is left open then.
    /// </summary>
    public static IDisposable Subscribe(string directory, string fileName, Action onChange, Action<string> onError)
    {
        var key = Key(directory);
        lock (s_gate)
        {
            if (!s_open.TryGetValue(key, out var events))
            {
                events = new DirectoryEvents(key);
                s_open.Add(key, events);
            }

            var subscription = new Subscription(events, fileName, onChange, onError);
            events._subscribers.Add(subscription);
            return subscription;
        }
    }

    private static string Key(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

    private void Dispatch(string? name)
    {
        Subscription[] targets;
        lock (s_gate)
        {
            targets = [.. _subscribers.Where(s => NameComparer.Equals(s.FileName, name))];
        }

        foreach (var target in targets)
        {
            target.OnChange();
        }
    }

    private void DispatchError(string message)
    {
        Subscription[] targets;
        lock (s_gate)
        {
            targets = [.. _subscribers];
        }

        foreach (var target in targets)
        {
            target.OnError(message);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (s_gate)
        {
            if (!_subscribers.Remove(subscription) || _subscribers.Count > 0)
            {
                return;
            }

            s_open.Remove(_directory);
        }

        _watcher.Dispose();
    }

    private sealed class Subscription(DirectoryEvents owner, string fileName, Action onChange, Action<string> onError) : IDisposable
    {
        public string FileName { get; } = fileName;

        public Action OnChange { get; } = onChange;

        public Action<string> OnError { get; } = onError;

        public void Dispose() => owner.Remove(this);
    }
}
