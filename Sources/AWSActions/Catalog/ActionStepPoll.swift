import Foundation

/// A step that asks again until AWS says the work it waits for has ended:
/// `ssm get-command-invocation` until the invocation's `Status` is terminal.
///
/// ```json
/// { "name": "wait-capture", "capture": "capture",
///   "argv": ["ssm", "get-command-invocation", "--command-id", "{command-id}", "--instance-id", "{resource}",
///            "--query", "{Status: Status, StandardOutputUrl: StandardOutputUrl}"],
///   "until": { "field": "Status", "in": ["Success", "Failed", "Cancelled", "TimedOut"], "success": ["Success"],
///              "notYet": ["InvocationDoesNotExist"] },
///   "every": 5, "within": 7500 }
/// ```
///
/// Each call is recorded as a step of its own, so the record shows every
/// status AWS gave; only the call that ends the wait captures. The wait fails
/// the resource when it ends on a value outside `success`, or when `within`
/// seconds pass first.
public struct ActionStepPoll: Sendable, Equatable {
    /// The key of the step's output object that is compared; nil compares the whole output (a string).
    public var field: String?
    /// The values that end the wait.
    public var terminal: [String]
    /// Which of them mean the work succeeded.
    public var success: [String]
    /// AWS error codes that mean "not there yet" (an invocation asked for just
    /// after it was sent): asked again rather than failed.
    public var notYet: [String]
    /// Seconds between two calls.
    public var every: TimeInterval
    /// Seconds after the first call past which it stops asking and fails.
    public var within: TimeInterval

    public init(field: String? = nil, terminal: [String], success: [String], notYet: [String] = [], every: TimeInterval, within: TimeInterval) {
        self.field = field
        self.terminal = terminal
        self.success = success
        self.notYet = notYet
        self.every = every
        self.within = within
    }

    /// The fields of a step definition a poll uses.
    static let stepFields: Set<String> = ["until", "every", "within"]

    /// Reads a step's `until`, `every` and `within`; nil when the step has none of them.
    static func parse(_ object: [String: JSONField], in step: JSONField) throws(ActionCatalogError) -> ActionStepPoll? {
        guard let untilField = object["until"] else {
            if let stray = object["every"] ?? object["within"] { throw stray.fail("only a step with 'until' is repeated") }
            return nil
        }
        let until = try untilField.object(allowing: ["field", "in", "success", "notYet"])
        func strings(_ key: String, required: Bool) throws(ActionCatalogError) -> [String] {
            guard let field = until[key] else {
                if required { throw untilField.child(key, NSNull()).fail("is required") }
                return []
            }
            var list: [String] = []
            for element in try field.array() { list.append(try element.nonEmptyString()) }
            if required && list.isEmpty { throw field.fail("name at least one value") }
            return list
        }
        let terminal = try strings("in", required: true)
        let success = try strings("success", required: true)
        if let stray = success.first(where: { !terminal.contains($0) }) {
            throw until["success"]!.fail("'\(stray)' is not one of the values in 'in'")
        }
        func seconds(_ key: String, range: ClosedRange<Double>) throws(ActionCatalogError) -> TimeInterval {
            let field = try object.required(key, in: step)
            // `true` would pass as the number 1: a JSON boolean is an NSNumber of type char ("c").
            guard let number = field.value as? NSNumber, String(cString: number.objCType) != "c", range.contains(number.doubleValue) else {
                throw field.fail("expected a number of seconds, \(Self.seconds(range.lowerBound))-\(Self.seconds(range.upperBound))")
            }
            return number.doubleValue
        }
        let every = try seconds("every", range: 0.1...300)
        let within = try seconds("within", range: 1...172_800)
        if within < every { throw object["within"]!.fail("is shorter than 'every'") }
        return ActionStepPoll(field: try until["field"]?.nonEmptyString(), terminal: terminal, success: success,
                              notYet: try strings("notYet", required: false), every: every, within: within)
    }

    /// For people: what the plan says about the repetition.
    public var summary: String {
        "asked every \(Self.seconds(every)) s until \(field ?? "the answer") is \(terminal.joined(separator: ", ")), for at most \(Self.seconds(within)) s"
    }

    /// Seconds as people write them: `5`, `0.5`.
    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
