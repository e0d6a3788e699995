import IncidentModel
import LogTail

extension ConsoleModel {
    /// Rebuilds the indicator linker when the incident's indicators changed.
    /// Indicators are only ever added (each kind and value once), so a count that differs means new ones.
    mutating func refreshIndicatorLinker() {
        let indicators = state?.indicators ?? []
        guard indicatorLinker.resourceIDs.count != indicators.count else { return }
        indicatorLinker = ResourceLinker(names: indicators.map { (resourceID: $0.id, aliases: [$0.value]) })
    }

    /// The indicators of compromise `text` names (their `CompromiseIndicator.id`s), each once, in order of first mention.
    func indicatorIDs(mentionedIn text: String) -> [String] {
        indicatorLinker.resourceIDs(mentionedIn: text)
    }
}
