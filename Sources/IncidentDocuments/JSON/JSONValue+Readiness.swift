import IncidentModel

/// A readiness check's result, with its evidence (`readiness --json`, `show --json`).
extension JSONValue {
    public static func readinessResult(_ result: ReadinessResult) -> JSONValue {
        .object([
            "check": .string(result.check), "title": .string(result.title), "region": .string(result.region), "account": .string(result.account),
            "covers": .string(result.covers), "status": .string(result.status.rawValue), "detail": .string(result.detail),
            "evidence": .array(result.evidence.map { .object(["argv": .array($0.argv.map(JSONValue.string)), "output": .string($0.output)]) }),
        ])
    }
}
