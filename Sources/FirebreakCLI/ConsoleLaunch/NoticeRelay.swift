import Foundation

/// Carries one-line notices from work that starts before the console does
/// (a head that could not be signed) to its footer: held until the console
/// is there, then passed straight on (the runtime's `notice` is safe from any
/// thread). Nothing may write to stderr under curses.
final class NoticeRelay: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [String] = []
    private var target: ((String) -> Void)?

    func post(_ text: String) {
        let deliver: ((String) -> Void)? = lock.withLock {
            if target == nil { pending.append(text) }
            return target
        }
        deliver?(text)
    }

    /// From now on, notices go to `target`; those held so far go first.
    func connect(_ target: @escaping (String) -> Void) {
        let held = lock.withLock {
            self.target = target
            defer { pending = [] }
            return pending
        }
        held.forEach(target)
    }
}
