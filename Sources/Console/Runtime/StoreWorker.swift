import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore

/// Carries out the console's effects against the store on one serial queue,
/// and fetches what others recorded when the change watcher says so.
/// Everything it learns goes back to the UI loop through `send`.
final class StoreWorker: @unchecked Sendable {
    private let store: any IncidentEventStore
    private let actor: String
    private let send: @Sendable (ConsoleMessage) -> Void
    private let actions: (any ConsoleActionService)?
    private let queue = DispatchQueue(label: "firebreak.console.store")
    /// AWS work (an action run, discovery, an audit) runs here, off `queue`, so
    /// the change watcher's refreshes keep bringing each recorded step to the
    /// log pane while it runs.
    private let awsQueue = DispatchQueue(label: "firebreak.console.aws")
    /// A replay's record is indexed here after its first frame, a stretch at a
    /// time, so the reads of the reviewer's seeks (on `queue`) go in between.
    private let indexQueue = DispatchQueue(label: "firebreak.console.replay-index")
    private let indexingStopped = StopFlag()
    /// How often the indexing sends the model a snapshot of its progress.
    static let indexSnapshotInterval: TimeInterval = 0.2
    // Touched only on `queue`.
    private var incident: IncidentID?
    private var lastSeq: Int64 = 0

    /// The log pane's first frame shows this many of the latest events: more than any screen's
    /// pane holds, and few enough that reading them costs the same at any size of incident.
    static let firstFrameEvents: Int64 = 400
    /// Then up to this many (with those) fill the pane's scroll-back, read after the first frame is up.
    static let scrollBackEvents: Int64 = 5_000

    init(store: any IncidentEventStore, actor: String, actions: (any ConsoleActionService)?, send: @escaping @Sendable (ConsoleMessage) -> Void) {
        self.store = store
        self.actor = actor
        self.actions = actions
        self.send = send
    }

    func perform(_ effect: ConsoleEffect) {
        queue.async { [self] in
            switch effect {
            case .load(let id):
                load(id)
            case .loadReplay(let id):
                attempt {
                    // The first frame's part only (the opening, the count, the phase entries); the rest in the background.
                    let log = try ReplayLog.open(id, from: store)
                    incident = id
                    lastSeq = Int64(log.count)
                    send(.replayLoaded(log))
                    if !log.isIndexed { index(log) }
                }
            case .readReplay(let read):
                do {
                    send(.replayEvents(read, try read.perform()))
                } catch {
                    send(.replayReadFailed(read, reason: "\(error)"))
                }
            case .listActions(let resources):
                attempt {
                    guard let actions, let incident else { throw ConsoleActionsUnavailable() }
                    let state = try store.state(of: incident)
                    send(.actionsAvailable(resources: resources, try actions.actions(for: try resources.map { try state.resource(matching: $0) })))
                }
            case .previewAction(let action, let resources, let parameters):
                attempt {
                    guard let actions, let incident else { throw ConsoleActionsUnavailable() }
                    send(.actionPreviewed(try actions.preview(action: action, resources: resources, parameters: parameters,
                                                              in: try store.state(of: incident))))
                }
            case .runAction(let action, let resources, let parameters):
                // Slow (each aws call takes a while): the steps reach the log pane as they are recorded.
                awsWrite { [store, actor] actions, incident in
                    try actions.run(action: action, resources: resources, parameters: parameters, store: store, incident: incident, actor: actor)
                }
            case .offerAction(let action):
                attempt {
                    guard let actions, let incident else { throw ConsoleActionsUnavailable() }
                    let state = try store.state(of: incident)
                    let resources = try actions.resources(for: action, in: state).map { try state.resource(matching: $0) }
                    guard let choice = try actions.actions(for: Array(resources.prefix(1))).first(where: { $0.id == action }) else {
                        throw IncidentError.notFound("no action '\(action)' in the catalog")
                    }
                    send(.actionTargets(choice, resources: resources))
                }
            case .previewUndo(let run, let resources):
                attempt {
                    guard let actions, let incident else { throw ConsoleActionsUnavailable() }
                    send(.actionPreviewed(try actions.previewUndo(run: run, resources: resources, in: try store.state(of: incident))))
                }
            case .previewResolvingFindings(let closing):
                attempt {
                    guard let actions, let incident else { throw ConsoleActionsUnavailable() }
                    send(.actionPreviewed(try actions.previewResolvingFindings(closing, in: try store.state(of: incident), actor: actor)))
                }
            case .writeReport(let path):
                // Reads the whole record: off this queue, like AWS work, so the watcher's refreshes go on.
                awsWrite { [store, actor] actions, incident in try actions.writeReport(of: incident, to: path, store: store, actor: actor) }
            case .showMetrics:
                attempt {
                    guard let incident else { return }
                    let state = try store.state(of: incident)
                    let metrics = RunLiveness.metrics(of: state, events: try store.events(of: incident, since: 0).map(\.event), now: Date())
                    send(.details(title: "Metrics · \(incident)", lines: MetricsText.lines(metrics)))
                }
            case .judgeRuns:
                attempt {
                    guard let incident else { return }
                    send(.runsJudged(ended: RunLiveness.endedRuns(in: try store.state(of: incident))))
                }
            case .awsWork(let work):
                awsWrite(finishing: work) { [store, actor] actions, incident in try actions.perform(work, store: store, incident: incident, actor: actor) }
            case .listIncidents:
                attempt { send(.incidents(try store.incidents(includeClosed: false))) }
            case .openIncident(let opened):
                attempt { load(try store.openIncident(opened, actor: actor, at: nil).incident.id) }
            case .logSource, .redrawScreen:
                break   // the UI loop's own (ConsoleRuntime.perform)
            case .record(let payload):
                guard let incident else {
                    send(.writeFinished(error: "no incident is open"))
                    return
                }
                do {
                    // A lesson or a policy ticks its checklist item in the same transaction.
                    var written: [EventPayload] = []
                    try store.append(to: incident, actor: actor, at: nil) { state in
                        written = [payload] + state.ticks(following: payload)
                        return written
                    }
                    // The footer says what the store recorded, once it has.
                    send(.recorded(written))
                    fetchNew()
                } catch {
                    send(.writeFinished(error: "\(error)"))
                }
            }
        }
    }

    /// Someone committed: read only the events after the last one seen.
    func refresh() {
        queue.async { [self] in fetchNew() }
    }

    /// Waits for every queued effect to finish (before the console exits). With `stoppingAWSWork` (the responder
    /// quit anyway) the running `aws` call is stopped and no later one starts; each records how it ended, and the
    /// console waits for that record at most `deadline` seconds.
    func drain(stoppingAWSWork: Bool = false, deadline: TimeInterval = 10) {
        // Nothing more will look at a replay's index: stop it after the stretch under way.
        indexingStopped.set()
        indexQueue.sync {}
        queue.sync {}
        if stoppingAWSWork {
            actions?.stopRunningWork()
            let stopped = DispatchSemaphore(value: 0)
            awsQueue.async { stopped.signal() }
            guard stopped.wait(timeout: .now() + deadline) == .success else { return }
        } else {
            awsQueue.sync {}
        }
        queue.sync {}
    }

    private func load(_ id: IncidentID) {
        attempt {
            let state = try store.state(of: id)
            let events = try store.events(of: id, since: max(0, state.lastSeq - Self.firstFrameEvents))
            incident = id
            lastSeq = events.last?.event.seq ?? state.lastSeq
            send(.loaded(state, events))
            // A work item of its own, so the UI loop draws the first frame while these are read.
            guard let firstShown = events.first?.event.seq, firstShown > 1 else { return }
            queue.async { [self] in loadEarlier(id, before: firstShown) }
        }
    }

    /// The events before `seq`, down to the scroll-back's size, for the log pane.
    private func loadEarlier(_ id: IncidentID, before seq: Int64) {
        guard incident == id else { return }   // another incident was opened meanwhile
        attempt {
            let first = max(1, seq - (Self.scrollBackEvents - Self.firstFrameEvents))
            guard first < seq else { return }
            let earlier: [Event]
            if let reader = store as? any IncidentEventRangeReader {
                earlier = try reader.events(of: id, seqs: first...(seq - 1))
            } else {
                earlier = try store.events(of: id, since: first - 1).prefix { $0.event.seq < seq }.map(\.event)
            }
            guard !earlier.isEmpty else { return }
            send(.earlierEvents(id, earlier))
        }
    }

    /// Indexes the rest of a replay's record (`ReplayIndexer`), sending a
    /// snapshot every `indexSnapshotInterval` and the whole index at the end.
    private func index(_ log: ReplayLog) {
        indexQueue.async { [self] in
            var indexer = ReplayIndexer(log)
            var sent = Date()
            do {
                while try indexer.indexNextStretch() {
                    if indexingStopped.isSet { return }
                    if Date().timeIntervalSince(sent) >= Self.indexSnapshotInterval {
                        send(.replayIndexed(indexer.log))
                        sent = Date()
                    }
                }
                send(.replayIndexed(indexer.log))
            } catch {
                send(.replayIndexFailed(reason: "\(error)"))
            }
        }
    }

    private func fetchNew() {
        guard let incident else { return }
        attempt {
            let events = try store.events(of: incident, since: lastSeq)
            guard let last = events.last else { return }
            let state = try store.state(of: incident)
            lastSeq = last.event.seq
            send(.appended(state, events))
        }
    }

    /// AWS work that writes: answered like a write, its one-line summary shown as a notice.
    private func awsWrite(finishing work: ConsoleAWSWork? = nil,
                          _ body: @escaping @Sendable (any ConsoleActionService, IncidentID) throws -> String) {
        guard let actions, let incident else {
            if let work { send(.awsWorkFinished(work)) }
            send(.writeFinished(error: "\(ConsoleActionsUnavailable())"))
            return
        }
        awsQueue.async { [self] in
            let outcome = Result { try body(actions, incident) }
            if let work { send(.awsWorkFinished(work)) }
            switch outcome {
            case .success(let summary):
                send(.writeFinished(error: nil))
                send(.notice(summary))
            case .failure(let error):
                send(.writeFinished(error: "\(error)"))
            }
            queue.async { [self] in fetchNew() }
        }
    }

    private func attempt(_ body: () throws -> Void) {
        do { try body() } catch { send(.failed("\(error)")) }
    }
}

/// Set once, read from any thread.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// The console was started without AWS actions (tests, replay).
struct ConsoleActionsUnavailable: Error, CustomStringConvertible {
    var description: String { "AWS actions are not available in this console" }
}
