import Foundation
import IncidentModel
import Testing

/// `ChunkedList` behaves as a value, like `Array`, however its copies share chunks.
@Suite("Chunked lists: copies share storage, never changes")
struct ChunkedListTests {
    @Test func aCopyDoesNotSeeLaterAppendsOrChangesAcrossChunks() {
        let size = ChunkedList<Int>.chunkSize
        var list = ChunkedList(0..<(2 * size + 5))
        let kept = list
        list.append(-1)
        list[3] = 1_000                  // a full chunk the copy shares
        list[2 * size + 1] += 1          // the partial last chunk
        #expect(kept.count == 2 * size + 5)
        #expect(Array(kept) == Array(0..<(2 * size + 5)))
        #expect(list.count == 2 * size + 6)
        #expect(list[3] == 1_000 && list[2 * size + 1] == 2 * size + 2 && list.last == -1)
        var other = kept
        other[size] = 7
        #expect(kept[size] == size && other[size] == 7)
        #expect(kept != other)
        other[size] = size
        #expect(kept == other)
    }

    @Test func anElementIsChangedInPlace() {
        var runs: ChunkedList<[Int]> = [[1], [2]]
        let before = runs
        runs[1].append(3)
        #expect(runs[1] == [2, 3] && before[1] == [2])
    }

    @Test func encodesAsAPlainArray() throws {
        let list: ChunkedList<String> = ["a", "b", "c"]
        let data = try JSONEncoder().encode(list)
        #expect(String(decoding: data, as: UTF8.self) == #"["a","b","c"]"#)
        #expect(try JSONDecoder().decode(ChunkedList<String>.self, from: data) == list)
        let long = ChunkedList((0..<1_000).map(String.init))
        #expect(try JSONDecoder().decode([String].self, from: JSONEncoder().encode(long)) == Array(long))
    }
}
