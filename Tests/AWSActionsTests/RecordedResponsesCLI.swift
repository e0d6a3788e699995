import Foundation
import Testing

/// A stand-in `aws` that answers chosen operations with recorded real-format
/// responses (or AWS errors), one after another, and passes every other call
/// through to the real CLI (against moto). Each answer's `--query` is applied
/// with jmespath, the library the CLI itself uses, so the definition's own
/// query reads the recorded response exactly as it would read AWS's.
///
/// ```swift
/// let cli = try RecordedResponsesCLI(["ssm get-command-invocation": [.file(inProgress), .file(success)]])
/// drill.firebreak("action", "run", …, "--aws-cli", cli.path)
/// cli.calls("ssm get-command-invocation")   // the argv of each call answered
/// ```
final class RecordedResponsesCLI {
    enum Answer {
        /// A response body (JSON) as AWS returns it.
        case file(String)
        /// An AWS error as CLI v1 prints it.
        case error(code: String, operation: String, message: String)
    }

    private let fake: FakeCLI
    var path: String { fake.path }
    private var plan: URL { fake.folder.appendingPathComponent("plan.json") }

    init(_ answers: [String: [Answer]]) throws {
        let real = try #require(Drill.awsPath, "aws is not installed (run scripts/setup)")
        let script = try FakeCLI(script: "exec python3 \"$(dirname \"$0\")/standin.py\" \"$@\"")
        fake = script
        let encoded = answers.mapValues { list in
            list.map { answer -> [String: String] in
                switch answer {
                case .file(let path): return ["file": path]
                case .error(let code, let operation, let message): return ["error": code, "operation": operation, "message": message]
                }
            }
        }
        try JSONSerialization.data(withJSONObject: encoded).write(to: plan)
        let python = """
        import fcntl, json, os, sys
        import jmespath
        folder = os.path.dirname(os.path.abspath(__file__))
        plan = json.load(open(os.path.join(folder, "plan.json")))
        args = sys.argv[1:]
        key = " ".join(args[:2])
        if key in plan:
            counter = os.path.join(folder, "count-" + key.replace(" ", "-"))
            # One stand-in at a time per count: a run may make the same call in several regions at once.
            lock = open(counter + ".lock", "w")
            fcntl.flock(lock, fcntl.LOCK_EX)
            n = int(open(counter).read() or "0") if os.path.exists(counter) else 0
            # Written whole or not at all: a stand-in ended half-way must not leave the next one an empty count.
            with open(counter + ".new", "w") as new:
                new.write(str(n + 1))
            os.replace(counter + ".new", counter)
            fcntl.flock(lock, fcntl.LOCK_UN)
            with open(os.path.join(folder, "calls-" + key.replace(" ", "-")), "a") as log:
                log.write(json.dumps(args) + "\\n")
            answer = plan[key][min(n, len(plan[key]) - 1)]
            if "error" in answer:
                sys.stderr.write("\\nAn error occurred (%s) when calling the %s operation: %s\\n" % (answer["error"], answer["operation"], answer["message"]))
                sys.exit(254)
            response = json.load(open(answer["file"]))
            if "--query" in args:
                response = jmespath.search(args[args.index("--query") + 1], response)
            print(json.dumps(response, indent=4))
            sys.exit(0)
        os.execv(\(String(reflecting: real)), [\(String(reflecting: real))] + args)
        """
        try python.write(to: fake.folder.appendingPathComponent("standin.py"), atomically: true, encoding: .utf8)
    }

    /// The argv (after `aws`) of every call of `operation` ("ssm get-command-invocation") it answered, in order.
    func calls(_ operation: String) -> [[String]] {
        let log = fake.folder.appendingPathComponent("calls-" + operation.replacingOccurrences(of: " ", with: "-"))
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] }
    }

    /// The folder of recorded responses kept with the tests.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> Answer { .file(fixtures.appendingPathComponent(name).path) }
}
