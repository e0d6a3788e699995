import AWSActions
import Foundation
import Testing

/// Action definitions are files a team edits (and `$XDG_CONFIG_HOME` can
/// override): mutations of every shipped definition never crash the loader,
/// and every refusal is one line naming the file.
@Suite("Fuzz: action-definition loader")
struct ActionDefinitionFuzzTests {
    @Test func mutatedShippedDefinitions() throws {
        let folder = repositoryRoot.appendingPathComponent("actions")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" })
        let seeds = try files.sorted { $0.path < $1.path }.map { url -> (document: Any, text: String) in
            let data = try Data(contentsOf: url)
            return (try JSONSerialization.jsonObject(with: data), String(decoding: data, as: UTF8.self))
        }
        #expect(seeds.count >= 20)
        let count = FuzzBudget.iterations(default: 10000)
        var mutator = JSONMutator(seed: FuzzBudget.seed ^ 0xAC71)
        var rejected = 0
        var failures: [String] = []
        for index in 0..<count {
            let seed = seeds[index % seeds.count]
            let data = mutator.mutate(seed.document, text: seed.text)
            do {
                let definition = try ActionDefinition.load(json: data, file: "user/action.json")
                _ = definition.id
            } catch {
                rejected += 1
                let line = error.description
                if !isOneClearLine(line) || !startsWith(line, "user/action.json: ") {
                    failures.append("input #\(index): unclear refusal \(line.debugDescription)")
                }
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        #expect(rejected > 0 && rejected < count, "mutations must both pass and fail the loader's checks")
        FuzzBudget.report("action-definition loader", inputs: count, rejected: rejected)
    }
}
