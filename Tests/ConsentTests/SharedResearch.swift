import Foundation
import Testing
@testable import Consent

/// Locates `../shared/research` relative to the package root (derived from this file's path).
enum SharedResearch {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)            // Tests/ConsentTests/SharedResearch.swift
            .deletingLastPathComponent()            // Tests/ConsentTests
            .deletingLastPathComponent()            // Tests
            .deletingLastPathComponent()            // package root
            .deletingLastPathComponent()            // parent of the package
            .appendingPathComponent("shared/research")
    }

    /// Loads a shared file; records an issue (the test fails) when it is missing.
    static func load(_ name: String) -> Data? {
        let url = directory.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("shared research file missing: \(url.path) — the shared corpus must be present")
            return nil
        }
        return data
    }
}

/// Recursive comparison: every key of `expected` must be present and equal in `actual` (objects
/// may carry extra keys; arrays and scalars compare exactly). Returns the paths that differ.
func subsetMismatches(expected: ConsentJSON, actual: ConsentJSON?, path: String = "$") -> [String] {
    guard let actual else { return ["\(path): missing"] }
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
        return e.keys.sorted().flatMap { subsetMismatches(expected: e[$0]!, actual: a[$0], path: path + "." + $0) }
    case (.array(let e), .array(let a)):
        guard e.count == a.count else { return ["\(path): array length \(a.count), expected \(e.count)"] }
        return zip(e, a).enumerated().flatMap { subsetMismatches(expected: $1.0, actual: $1.1, path: "\(path)[\($0)]") }
    default:
        return expected == actual ? [] : ["\(path): got \(actual.json.prefix(120)), expected \(expected.json.prefix(120))"]
    }
}
