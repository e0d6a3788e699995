import Foundation

/// `follow-up.recorded`: a lesson learned, a policy decided, or an action
/// item with its owner and due date, for the post-incident report.
///
/// The checklist and notes have no place for an owner or a due date, which is
/// what turns "we should rotate keys faster" into something someone does.
public struct FollowUpRecorded: Codable, Sendable, Equatable {
    public static let kind = "follow-up.recorded"
    /// `FU-1`, `FU-2`, … within the incident.
    public var id: String
    public var category: FollowUpCategory
    public var text: String
    public var owner: String?
    /// A calendar date, `YYYY-MM-DD`.
    public var due: String?

    public init(id: String, category: FollowUpCategory, text: String, owner: String? = nil, due: String? = nil) {
        self.id = id
        self.category = category
        self.text = text
        self.owner = owner
        self.due = due
    }

    /// Checks a due date is a real calendar date written `YYYY-MM-DD`
    /// (`Timestamp.parseDay`, as every date is read), returning it.
    /// `option` names where it came from in a refusal (`--due`).
    public static func validateDue(_ text: String, option: String = "due date") throws -> String {
        try Timestamp.parseDay(text, option: option)
    }
}

/// A follow-up entry as the incident keeps it.
public struct FollowUpItem: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var category: FollowUpCategory
    public var text: String
    public var owner: String?
    public var due: String?
    public var recordedAt: Date
    public var recordedBy: String

    public init(id: String, category: FollowUpCategory, text: String, owner: String?, due: String?, recordedAt: Date, recordedBy: String) {
        self.id = id
        self.category = category
        self.text = text
        self.owner = owner
        self.due = due
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}
