import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The executor's side of a repeated step (`ActionStepPoll`): what one answer
/// means for the wait, and the pause before the next question.
enum StepWait {
    /// What one call of a repeated step decides.
    enum Decision: Equatable {
        /// The wait is over and the work succeeded: the call captures like any step.
        case done
        /// Not over yet: record this call and ask again after `every` seconds.
        case again
        /// The wait is over and the work did not succeed (or the time ran out), in one line.
        case failed(String)
        /// The call itself failed in a way the wait does not judge (throttled past its
        /// retries, denied): it fails the resource as any step's failure does.
        case unjudged
    }

    /// Judges one call: `succeeded` and `output` as the step saw them, `failure`
    /// the CLI's, `elapsed` the seconds since the first call of this wait started.
    static func judge(_ poll: ActionStepPoll, succeeded: Bool, failure: AWSCLIFailure?, output: Any?,
                      elapsed: TimeInterval) -> Decision {
        let what = poll.field ?? "the answer"
        let value: String?
        if succeeded {
            let answer = poll.field.map { (output as? [String: Any])?[$0] } ?? output
            value = answer as? String
        } else if case .service(let code, _, _)? = failure, poll.notYet.contains(code) {
            value = nil
        } else {
            return .unjudged
        }
        if let value, poll.terminal.contains(value) {
            return poll.success.contains(value)
                ? .done
                : .failed("\(what) ended \(value), not \(poll.success.joined(separator: " or "))")
        }
        if elapsed + poll.every > poll.within {
            let last = value.map { "\(what) still \($0)" } ?? "no \(what) yet"
            return .failed("\(last) after \(StepWait.seconds(elapsed)) s; gave up waiting (at most \(ActionStepPoll.seconds(poll.within)) s)")
        }
        return .again
    }

    static func seconds(_ value: TimeInterval) -> String { String(Int(value.rounded())) }

    /// Sleeps `seconds`, waking at once when the run is interrupted; true when it was.
    static func pause(_ seconds: TimeInterval, interruption: RunInterruption?) -> Bool {
        guard let interruption else {
            Thread.sleep(forTimeInterval: seconds)
            return false
        }
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return interruption.isInterrupted }
            var entry = pollfd(fd: interruption.pollFD, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, Int32(min(left, 60) * 1000) + 1) > 0 && entry.revents & Int16(POLLIN) != 0 { return true }
        }
    }
}
