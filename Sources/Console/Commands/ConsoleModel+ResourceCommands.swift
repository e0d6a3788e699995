import Foundation
import IncidentModel
import TerminalUI

/// The resources pane's commands. Each runs only once its binding's
/// requirements hold (`perform`), so a selection is there when one is needed.
extension ConsoleModel {
    mutating func askForResource() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Add a resource", prompt: Prompt(
            label: "Id or ARN: ", placeholder: "i-0abc…, AKIA…, arn:aws:…, s3://bucket, or KIND NAME (s3-bucket logs)"), purpose: .addResource))
        return []
    }

    mutating func chooseResourceState() -> [ConsoleEffect] {
        guard let resource = selectedResource else { return [] }
        overlay = .choice(ChoiceMenu(title: "State of \(resource.id)", options: ResourceState.allCases.map(\.rawValue),
                                     selected: ResourceState.allCases.firstIndex(of: resource.state) ?? 0,
                                     purpose: .resourceState(resource: resource.id)))
        return []
    }

    mutating func markSelectedContained() -> [ConsoleEffect] {
        guard let resource = selectedResource else { return [] }
        return record(.resourceStateChanged(ResourceStateChanged(resource: resource.id, from: resource.state, to: .contained)))
    }

    mutating func markSelectedResource() -> [ConsoleEffect] {
        guard let resource = selectedResource else { return [] }
        if markedResources.remove(resource.id) == nil { markedResources.insert(resource.id) }
        resourceList.moveDown()
        return []
    }

    mutating func listActions() -> [ConsoleEffect] {
        guard mode == .live, !chosenResources.isEmpty else { return [] }
        return [.listActions(resources: chosenResources)]
    }

    mutating func discoverFromSelectedResource() -> [ConsoleEffect] {
        guard let resource = selectedResource else { return [] }
        return discover(from: resource.id)
    }

    /// Discovery from one resource: what it touches is added as suspected.
    mutating func discover(from resource: String) -> [ConsoleEffect] {
        guard mode == .live else { return [] }
        return start(.discover(resource: resource), saying: "discovering what is related to \(resource)…")
    }

    mutating func sortResources() -> [ConsoleEffect] {
        resourceSort = resourceSort.next
        say("resources sorted by \(resourceSort.rawValue)")
        return []
    }

    mutating func askForResourceFilter() -> [ConsoleEffect] {
        overlay = .prompt(PromptForm(title: "Filter resources",
                                     prompt: Prompt(label: "/", text: resourceFilter, placeholder: "text to match; empty shows all"),
                                     purpose: .filterResources))
        return []
    }
}
