import Consent
import Foundation
import Primitives
import Testing
@testable import ConsentStore

@Suite("ConsentStore loading")
struct ConsentStoreLoadTests {
    @Test("a stored row that no longer parses is skipped and reported at load; the rest loads")
    func unparsableRow() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("c.db")
        do {
            let store = try ConsentStore(path: path)
            let e = try #require(ConsentFeedEntry.parse(line: Lines.annGrant, number: 1).entry)
            try store.ingest([e], channel: "http", receivedAt: .zero)
        }
        do {
            let raw = try SQLiteConnection(path: path)
            try raw.query("INSERT INTO consent_record (ts_ns, feed_line, source, channel, received_at_ns) VALUES (0, ?, NULL, 'x', 0)",
                          [.text(#"{"subject":{"device_id":"d"}}"#)])
        }
        let store = try ConsentStore(path: path)
        #expect(store.snapshot().records.count == 1)
        #expect(store.loadProblems.map(\.line) == [2])
        #expect(store.counters["consent_store_unparsable_row"] == 1)
        #expect(store.counters["consent_store_loaded"] == 1)
        #expect(store.snapshot().records.first?.line == 1)
    }
}
