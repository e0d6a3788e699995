import Testing
@testable import LogTail

@Suite("Log ring buffer")
struct LogRingBufferTests {
    static func texts(_ buffer: LogRingBuffer) -> [String] { buffer.map(\.text) }

    @Test func keepsEverythingBelowCapacity() {
        var buffer = LogRingBuffer(capacity: 5)
        #expect(buffer.isEmpty)
        for index in 0..<3 { buffer.append(line("l\(index)")) }
        #expect(Self.texts(buffer) == ["l0", "l1", "l2"])
        #expect(buffer.droppedCount == 0)
        #expect(buffer.id(at: 0) == LogLineID(0))
        #expect(buffer.nextID == LogLineID(3))
    }

    @Test func wrapsAroundDroppingTheOldest() {
        var buffer = LogRingBuffer(capacity: 4)
        var ids: [LogLineID] = []
        for index in 0..<11 { ids.append(buffer.append(line("l\(index)"))) }
        #expect(Self.texts(buffer) == ["l7", "l8", "l9", "l10"])
        #expect(buffer.count == 4)
        #expect(buffer.droppedCount == 7)
        #expect(buffer.first?.text == "l7" && buffer.last?.text == "l10")
        // Ids are stable and never reused.
        #expect(ids == (0..<11).map { LogLineID(UInt64($0)) })
        #expect(buffer[id: ids[6]] == nil)
        #expect(buffer[id: ids[8]]?.text == "l8")
        #expect(buffer.position(of: ids[8]) == 1)
        #expect(buffer.id(at: 3) == ids[10])
        #expect(buffer.position(of: LogLineID(11)) == nil)
    }

    @Test func wrapsAcrossGrowth() {
        // Capacity above the first storage size: growth and wraparound mix.
        var buffer = LogRingBuffer(capacity: 40)
        for index in 0..<1000 {
            buffer.append(line("\(index)"))
            let expectedFirst = max(0, index - 39)
            #expect(buffer.first?.text == "\(expectedFirst)")
            #expect(buffer.count == min(index + 1, 40))
        }
        #expect(Self.texts(buffer) == (960..<1000).map { "\($0)" })
        #expect(buffer.droppedCount == 960)
    }

    @Test func byteBudgetDropsOldLinesButKeepsTheNewest() {
        var buffer = LogRingBuffer(capacity: 100, byteBudget: 2000)
        for index in 0..<10 { buffer.append(line(String(repeating: "\(index)", count: 300))) }
        #expect(buffer.footprint <= 2000)
        #expect(buffer.count < 10 && buffer.count >= 3)
        #expect(buffer.droppedCount == UInt64(10 - buffer.count))
        #expect(buffer.last?.text.first == "9")
        // One line over budget on its own is still kept.
        buffer.append(line(String(repeating: "x", count: 5000)))
        #expect(buffer.count == 1 && buffer.last?.text.first == "x")
    }

    @Test func removeAllKeepsIdsCounting() {
        var buffer = LogRingBuffer(capacity: 3)
        for index in 0..<5 { buffer.append(line("l\(index)")) }
        buffer.removeAll()
        #expect(buffer.isEmpty && buffer.droppedCount == 5 && buffer.footprint == 0)
        #expect(buffer.append(line("after")) == LogLineID(5))
        #expect(Self.texts(buffer) == ["after"])
    }

    @Test func memoryStaysFlat() {
        var buffer = LogRingBuffer(capacity: 1000)
        for index in 0..<1000 { buffer.append(line("warm \(index) " + String(repeating: "x", count: 80))) }
        let settled = buffer.footprint
        for index in 0..<100_000 { buffer.append(line("hot \(index) " + String(repeating: "x", count: 80))) }
        #expect(buffer.count == 1000)
        #expect(buffer.footprint <= settled + 1000 * 4)
        #expect(buffer.droppedCount == 100_000)
    }
}
