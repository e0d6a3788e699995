import Foundation
import FirebreakTestSupport

/// Structural mutations of JSON documents: values swapped for other types,
/// keys dropped or added with hostile names, strings mutated, arrays
/// emptied or repeated. Most inputs stay JSON, so they reach the loader's
/// own checks instead of stopping at the JSON parser.
struct JSONMutator {
    var mutator: Mutator

    init(seed: UInt64) { mutator = Mutator(random: SeededGenerator(seed: seed)) }

    /// A mutated copy of `document`, serialised; one time in eight the text itself is mutated instead.
    mutating func mutate(_ document: Any, text: String) -> Data {
        if mutator.chance(8) { return Data(mutator.mutate(text).utf8) }
        var value = document
        for _ in 0..<(1 + mutator.int(3)) { value = mutateSomewhere(value, depth: 0) }
        let wrapped: Any = (value is [Any] || value is [String: Any]) ? value : [value]
        return (try? JSONSerialization.data(withJSONObject: wrapped, options: [.fragmentsAllowed])) ?? Data(text.utf8)
    }

    private mutating func mutateSomewhere(_ value: Any, depth: Int) -> Any {
        if let object = value as? [String: Any], !object.isEmpty, depth < 8, !mutator.chance(4) {
            var copy = object
            let keys = copy.keys.sorted()
            let key = keys[mutator.int(keys.count)]
            switch mutator.int(6) {
            case 0: copy[key] = nil
            case 1: copy[mutator.mutate(key)] = copy[key]
            default: copy[key] = mutateSomewhere(copy[key]!, depth: depth + 1)
            }
            return copy
        }
        if let array = value as? [Any], !array.isEmpty, depth < 8, !mutator.chance(4) {
            var copy = array
            let index = mutator.int(copy.count)
            switch mutator.int(6) {
            case 0: copy.remove(at: index)
            case 1: copy.append(copy[index])
            default: copy[index] = mutateSomewhere(copy[index], depth: depth + 1)
            }
            return copy
        }
        return replacement(for: value)
    }

    private mutating func replacement(for value: Any) -> Any {
        switch mutator.int(9) {
        case 0: return NSNull()
        case 1: return mutator.chance(2)
        case 2: return [Int.max, Int.min, -1, 0, 1, 1 << 53][mutator.int(6)]
        case 3: return 1e308 * (mutator.chance(2) ? 1 : -1)
        case 4: return [Any]()
        case 5: return [String: Any]()
        case 6: return ["\u{1B}[2J": mutator.text(seeds: ["x"])]
        default:
            if let text = value as? String { return mutator.mutate(text) }
            return mutator.text(seeds: ["arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0", "2024-01-01T00:00:00Z"])
        }
    }
}

/// The repository's root, for seed files (actions/, themes/, fixtures).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
