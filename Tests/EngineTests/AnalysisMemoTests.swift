import Testing
@testable import Engine
import Classify

/// The per-vendor field table: exact-path lookups, growth, and the capacity bound.
@Suite("AnalysisMemo")
struct AnalysisMemoTests {
    static let classifier = FieldClassifier()

    static func facts(_ path: String) -> AnalysisMemo.FieldFacts {
        AnalysisMemo.FieldFacts(name: classifier.name(path: path, vendor: nil), semantic: nil)
    }

    @Test("paths are found by their exact bytes, across growth; other paths are not")
    func lookups() {
        let table = AnalysisMemo.FieldTable(capacity: 10_000)
        // Paths sharing long prefixes and lengths, more than the initial slot table holds, and the empty path.
        let paths = [""] + (0..<500).map { "data[0].user_data.field_\($0)" } + (0..<500).map { "x\($0)" }
        var stored: [AnalysisMemo.FieldFacts] = []
        table.withEntries { entries in
            for p in paths {
                let f = Self.facts(p)
                stored.append(f)
                entries.remember(Array(p.utf8)[...], f)
            }
        }
        table.withEntries { entries in
            for (p, f) in zip(paths, stored) { #expect(entries.facts(Array(p.utf8)[...]) === f, "\(p)") }
            #expect(entries.facts(Array("data[0].user_data.field_500".utf8)[...]) == nil)
            #expect(entries.facts(Array("x".utf8)[...]) == nil)
            // A slice in the middle of a larger array is read from its own start.
            let padded = Array("..x7..".utf8)
            #expect(entries.facts(padded[2..<4]) === stored[paths.firstIndex(of: "x7")!])
        }
    }

    @Test("remembering a path again replaces its facts; reaching the capacity empties the table")
    func replaceAndBound() {
        let table = AnalysisMemo.FieldTable(capacity: 3)
        let a = Self.facts("a"), b = Self.facts("b")
        table.withEntries { entries in
            entries.remember(Array("a".utf8)[...], a)
            entries.remember(Array("a".utf8)[...], b)
            #expect(entries.facts(Array("a".utf8)[...]) === b)
            entries.remember(Array("c".utf8)[...], a)
            entries.remember(Array("d".utf8)[...], a)
            #expect(entries.facts(Array("a".utf8)[...]) === b)   // 3 paths: still below the bound
            entries.remember(Array("e".utf8)[...], a)            // the 4th empties the table first
            #expect(entries.facts(Array("a".utf8)[...]) == nil)
            #expect(entries.facts(Array("e".utf8)[...]) === a)
        }
    }
}

@Suite("DistinctElements")
struct DistinctElementsTests {
    @Test("each value is new once, before and after the switch from a list to a set")
    func insertOnce() {
        var seen = DistinctElements<String>()
        for round in 0..<2 {
            for i in 0..<40 { #expect(seen.insert("id-\(i)") == (round == 0), "id-\(i) round \(round)") }
        }
    }
}
