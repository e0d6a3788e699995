import Foundation
import TerminalUI

extension ConsoleModel {
    /// Applies one message and returns the work the runtime must do. Keys
    /// typed while an answer that opens an overlay (or the incident being
    /// opened) is awaited are held and replayed when it comes (`TypeAhead`); everything else
    /// goes straight to `handleMessage`.
    public mutating func update(_ message: ConsoleMessage) -> [ConsoleEffect] {
        // Quitting before anything is on screen is never held: a store slow to answer must not keep the responder in.
        if case .key(let key) = message, typeAhead.isWaiting, TypeAhead.holds(key),
           state != nil || bindings.resolve(key, in: [.global])?.command != .quit {
            if !typeAhead.hasExpired(at: now) {
                typeAhead.hold(key)
                return []
            }
            dropHeldKeys(because: "no answer came within \(Int(TypeAhead.patience)) s")
        }
        var effects = handleMessage(message)
        switch message {
        case .key:
            if effects.contains(where: \.holdsKeysUntilAnswered) { typeAhead.wait(from: now) }
        case .actionsAvailable, .actionTargets, .actionPreviewed, .details, .incidents:
            // An answer that opened nothing (no action applies) takes no keys: they were meant for what did not open.
            if overlay != nil { effects += replayHeldKeys() } else if typeAhead.isWaiting { dropHeldKeys(because: nil) }
        case .loaded:
            // The incident is on screen: the keys typed while it was read act on it now.
            effects += replayHeldKeys()
        case .failed, .notice:
            // The answer may be this failure (no action applies, the plan was refused): nothing opened for the keys.
            if typeAhead.isWaiting, overlay == nil { dropHeldKeys(because: nil) }
        case .tick(let date):
            if typeAhead.hasExpired(at: date) { dropHeldKeys(because: "no answer came within \(Int(TypeAhead.patience)) s") }
        default:
            break
        }
        return effects
    }

    /// The runtime asks for `effect` itself (the incident a console opens on): keys typed
    /// before its answer wait for it as they would for one a key asked for.
    public mutating func willAwait(_ effect: ConsoleEffect) {
        if effect.holdsKeysUntilAnswered { typeAhead.wait(from: now) }
    }

    /// The overlay is open: the keys typed while it was coming go to it, in order.
    private mutating func replayHeldKeys() -> [ConsoleEffect] {
        guard typeAhead.isWaiting else { return [] }
        // A key may ask for the next answer (a menu choice asks for the plan): the rest are held for that one.
        return typeAhead.finish().flatMap { update(.key($0)) }
    }

    /// The answer never opened an overlay: the held keys were meant for it, so they are not sent elsewhere; the footer says so.
    private mutating func dropHeldKeys(because reason: String?) {
        let held = typeAhead.finish()
        guard !held.isEmpty else { return }
        let keys = held.map(\.spelling).joined(separator: " ")
        let note = "keys typed while waiting were not used: \(keys)"
        if let reason {
            complain("\(reason); \(note)")
        } else if let status {
            self.status = StatusMessage(text: "\(status.text) (\(note))", isError: status.isError, at: now)
        } else {
            say(note)
        }
    }
}
