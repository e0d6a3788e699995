import Foundation
import IncidentModel
import IncidentStore
import LogTail
import TerminalUI

/// The one UI loop: owns the screen and the model; everything slow (the
/// store, the change watcher) runs elsewhere and comes back as messages.
///
/// The loop sleeps in `nextKey` until a key arrives, background work wakes
/// it, or a second passes (the header clock); it redraws only after
/// something changed, and the terminal writes only the cells that differ.
public final class ConsoleRuntime {
    private let store: any IncidentEventStore
    private let terminal: any ConsoleTerminal
    public private(set) var model: ConsoleModel
    private let inbox = Inbox()
    private let worker: StoreWorker
    private var watcher: ChangeWatcherThread?
    private let presence: PresenceThread?
    private var logSources: [any LogSource]
    /// Makes a source the responder names in the console (`a` in the log pane); nil: none can be added.
    private let makeLogSource: (@Sendable (String) throws -> any LogSource)?
    private let send: @Sendable (ConsoleMessage) -> Void

    /// `presence` nil: this console neither announces itself nor shows who else is in.
    /// `logSources` are followed in the log pane beside the incident's own events.
    public init(store: any IncidentEventStore, terminal: any ConsoleTerminal, model: ConsoleModel,
                presence board: (any PresenceBoard)? = nil, logSources: [any LogSource] = [],
                makeLogSource: (@Sendable (String) throws -> any LogSource)? = nil,
                actions: (any ConsoleActionService)? = nil) {
        self.makeLogSource = makeLogSource
        self.store = store
        self.terminal = terminal
        self.model = model
        let waker = terminal.makeWaker()
        let inbox = self.inbox
        let send: @Sendable (ConsoleMessage) -> Void = { message in
            inbox.post(message)
            waker.wake()
        }
        self.send = send
        self.logSources = logSources
        worker = StoreWorker(store: store, actor: model.operatorName, actions: actions, send: send)
        let mode: Presence.Mode = switch model.mode {
        case .live: .live
        case .readOnly: .watching
        case .replay: .replaying
        }
        presence = board.map { PresenceThread(board: $0, operatorName: model.operatorName, mode: mode, send: send) }
    }

    /// Runs until the responder quits. `incident` nil shows the picker.
    public func run(showing incident: IncidentID?) {
        _ = model.update(.resize(terminal.size))
        switch (model.mode, incident) {
        case (.replay, let incident?): perform(.loadReplay(incident))
        case (_, let incident?):
            model.willAwait(.load(incident))
            perform(.load(incident))
        case (_, nil): perform(.listIncidents)
        }
        // A replay shows what was recorded; it does not follow new changes.
        if model.mode != .replay, let changes = try? store.changeWatcher() {
            watcher = ChangeWatcherThread(watcher: changes, onChange: { [worker] in worker.refresh() },
                                          onReachability: { [send] problem in send(.storeReachability(problem)) })
            watcher?.start()
        }
        presence?.start()
        for source in logSources { start(source) }
        defer {
            watcher?.stop()
            presence?.stop()
            logSources.forEach { $0.stop() }
        }
        var lastTick = Date()
        // With an incident asked for, the first frame is the incident: the store's answer wakes the loop
        // (an empty screen saying "No open incident" first would say the wrong thing, and cost a frame).
        // Should the answer be slow, the first tick draws what there is.
        if incident == nil { present() }
        while !model.shouldQuit && !terminal.inputClosed {
            var changed = false
            for message in inbox.drain() {
                apply(message)
                changed = true
            }
            if model.shouldQuit { break }
            // Draw what background work brought before waiting for the next key:
            // a change another console made is on screen now, not at the next tick.
            if changed {
                present()
                changed = false
            }
            let tickInterval: TimeInterval = model.wantsFastTicks ? 0.05 : 1
            let wait = max(0.01, tickInterval - Date().timeIntervalSince(lastTick))
            if let key = terminal.nextKey(timeout: wait) {
                apply(key == .resize ? .resize(terminal.size) : .key(key))
                changed = true
            }
            if Date().timeIntervalSince(lastTick) >= tickInterval {
                lastTick = Date()
                apply(.tick(lastTick))
                changed = true
            }
            if changed { present() }
        }
        worker.drain(stoppingAWSWork: model.abandonsAWSWork)
    }

    /// Shows a line in the footer (e.g. why the requested theme was not used).
    public func notice(_ text: String) {
        inbox.post(.failed(text))
    }

    private func apply(_ message: ConsoleMessage) {
        for effect in model.update(message) { perform(effect) }
        presence?.track(model.state?.incident.id)
    }

    private func start(_ source: any LogSource) {
        let (id, name, send) = (source.id.rawValue, source.displayName, self.send)
        // A file goes by its name; a log group or a CloudTrail lookup by its whole name.
        let shortName = source.id.rawValue.hasPrefix("file:") ? URL(fileURLWithPath: name).lastPathComponent : name
        source.start { event in
            switch event {
            case .lines(let lines, _): send(.logLines(lines, sourceName: shortName))
            case .status(let status): send(.logSourceStatus(id: id, name: shortName, status))
            }
        }
    }

    /// A source named in the console: made, checked and started, or one line saying why not.
    private func add(_ spec: String) {
        guard let makeLogSource else { return inbox.post(.failed("no source can be added in this console")) }
        do {
            let source = try makeLogSource(spec)
            if logSources.contains(where: { $0.id == source.id }) { return inbox.post(.failed("\(spec) is already followed")) }
            logSources.append(source)
            start(source)
        } catch {
            inbox.post(.failed("cannot follow \(spec): \(error)"))
        }
    }

    /// The sources and the screen are the UI loop's own; everything else goes to the store worker.
    private func perform(_ effect: ConsoleEffect) {
        switch effect {
        case .logSource(let request):
            switch request {
            case .pause(let id): logSources.first { $0.id.rawValue == id }?.pause()
            case .resume(let id): logSources.first { $0.id.rawValue == id }?.resume()
            case .remove(let id): logSources.first { $0.id.rawValue == id }?.stop()
            case .add(let spec): add(spec)
            }
        case .redrawScreen:
            terminal.invalidate()
        default:
            worker.perform(effect)
        }
    }

    private func present() {
        terminal.present(ConsoleView.render(model))
    }
}

/// Messages from background work, waiting for the UI loop.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [ConsoleMessage] = []

    func post(_ message: ConsoleMessage) {
        lock.withLock { messages.append(message) }
    }

    func drain() -> [ConsoleMessage] {
        lock.withLock {
            defer { messages.removeAll() }
            return messages
        }
    }
}
