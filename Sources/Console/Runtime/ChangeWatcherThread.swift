import Foundation
import IncidentStore

/// Watches the store for commits by anyone on its own thread: a watcher told
/// of commits (PostgreSQL's `NOTIFY`) wakes it at once, one that can only look
/// (SQLite's `PRAGMA data_version`) is asked ten times a second; reads happen
/// only when something changed. When the store cannot be reached (a server
/// away) it says so once, and once more when it is back.
final class ChangeWatcherThread: @unchecked Sendable {
    private let watcher: any StoreChangeWatcher
    private let onChange: @Sendable () -> Void
    private let onReachability: @Sendable (_ problem: String?) -> Void
    private let lock = NSLock()
    private var running = false
    private var thread: Thread?
    static let interval: TimeInterval = 0.1

    /// `onReachability`: the one-line problem when the store stops answering, nil when it answers again.
    init(watcher: any StoreChangeWatcher, onChange: @escaping @Sendable () -> Void,
         onReachability: @escaping @Sendable (_ problem: String?) -> Void = { _ in }) {
        self.watcher = watcher
        self.onChange = onChange
        self.onReachability = onReachability
    }

    func start() {
        lock.withLock { running = true }
        _ = try? watcher.hasChanged()     // the first look only sets the baseline
        let thread = Thread { [self] in
            var away = false
            while lock.withLock({ running }) {
                do {
                    let changed = try watcher.waitForChange(timeout: Self.interval)
                    if away {
                        away = false
                        onReachability(nil)
                    }
                    if changed { onChange() }
                } catch {
                    if !away {
                        away = true
                        onReachability("\(error)")
                    }
                }
            }
        }
        thread.name = "firebreak.console.watcher"
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
    }
}
