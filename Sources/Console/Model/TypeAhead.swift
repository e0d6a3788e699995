import Foundation
import TerminalUI

/// Keys typed while the console waits for an answer that will open an
/// overlay (the action menu, a plan, the picker, the metrics) or for the
/// incident it is opening. They are held, not handled, and replayed once the
/// overlay opens or the incident is on screen: `a` then `1` typed together
/// chooses the first action instead of focusing the phase timeline, and `4 /`
/// typed as the console starts filters the log.
/// A deadline keeps a lost answer from swallowing keys forever.
struct TypeAhead: Equatable, Sendable {
    /// How long keys are held for an answer that has not come.
    static let patience: TimeInterval = 5

    /// When the console started waiting; nil while it is not.
    private(set) var waitingSince: Date?
    /// The keys typed meanwhile, in order.
    private(set) var held: [Key] = []

    var isWaiting: Bool { waitingSince != nil }

    /// Whether the wait has lasted past its deadline at `date`.
    func hasExpired(at date: Date) -> Bool {
        guard let waitingSince else { return false }
        return date.timeIntervalSince(waitingSince) > Self.patience
    }

    mutating func wait(from date: Date) {
        if waitingSince == nil { waitingSince = date }
    }

    mutating func hold(_ key: Key) {
        held.append(key)
    }

    /// Ends the wait and hands back the keys held during it.
    mutating func finish() -> [Key] {
        defer { waitingSince = nil; held = [] }
        return held
    }

    /// Whether a key is held while waiting: Ctrl-C (quit) and the mouse never are, nor a resize.
    static func holds(_ key: Key) -> Bool {
        switch key {
        case .ctrl("c"), .resize, .mouse: return false
        default: return true
        }
    }
}

extension ConsoleEffect {
    /// Whether keys typed before this effect is answered wait for the answer: an overlay
    /// they are meant for, or the incident whose panes they act on (the first read of it).
    var holdsKeysUntilAnswered: Bool {
        if case .load = self { return true }
        return opensOverlayWhenAnswered
    }


    /// Whether the answer to this effect opens an overlay the next keys are meant for.
    var opensOverlayWhenAnswered: Bool {
        switch self {
        case .listActions, .previewAction, .offerAction, .previewUndo, .previewResolvingFindings, .listIncidents, .showMetrics: return true
        default: return false
        }
    }
}
