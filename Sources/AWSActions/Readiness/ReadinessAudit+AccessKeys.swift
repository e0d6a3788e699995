import Foundation
import IncidentModel

extension ReadinessAudit {
    /// Active access keys older than the limit, never used, or unused for longer than the limit.
    func accessKeys(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.accessKeys
        let users = probe.call(["iam", "list-users"])
        guard let userList = users.object else { return probe.unknown(check, users) }
        let limit = TimeInterval(keyAgeLimitDays) * 86_400
        var problems: [String] = []
        var total = 0
        for user in userList.objects("Users").compactMap({ $0.string("UserName") }) {
            let keys = probe.call(["iam", "list-access-keys", "--user-name", user])
            guard let keyList = keys.object else { return probe.unknown(check, keys) }
            for key in keyList.objects("AccessKeyMetadata") where key.string("Status") == "Active" {
                guard let id = key.string("AccessKeyId") else { continue }
                total += 1
                if let created = key.string("CreateDate").flatMap(Self.awsDate), now.timeIntervalSince(created) > limit {
                    problems.append("\(id) (\(user)) is \(Int(now.timeIntervalSince(created) / 86_400)) days old")
                    continue
                }
                let used = probe.call(["iam", "get-access-key-last-used", "--access-key-id", id])
                guard let usage = used.object else { return probe.unknown(check, used) }
                if let last = usage.object("AccessKeyLastUsed")?.string("LastUsedDate").flatMap(Self.awsDate) {
                    if now.timeIntervalSince(last) > limit {
                        problems.append("\(id) (\(user)) unused for \(Int(now.timeIntervalSince(last) / 86_400)) days")
                    }
                } else {
                    problems.append("\(id) (\(user)) never used")
                }
            }
        }
        if problems.isEmpty { return probe.result(check, .pass, total == 0 ? "no active access keys" : "all \(total) active keys used and younger than \(keyAgeLimitDays) days") }
        return probe.result(check, .fail, "\(problems.count) of \(total) active keys: \(listed(problems, limit: 3))")
    }

    /// AWS's ISO 8601 times (`2026-05-01T09:30:00Z`, `…+00:00`), fractions of a second ignored.
    static func awsDate(_ text: String) -> Date? {
        var text = text
        if let dot = text.firstIndex(of: ".") {
            let end = text[dot...].firstIndex { $0 == "Z" || $0 == "+" || $0 == "-" } ?? text.endIndex
            text.removeSubrange(dot..<end)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
