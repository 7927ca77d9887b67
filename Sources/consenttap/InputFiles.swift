import ArgumentParser
import Foundation

/// The contents of a file the user named, or "consenttap: error: cannot read WHAT PATH" and exit 2.
func readInputFile(_ path: String, what: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("consenttap: error: cannot read \(what) \(path)")
        throw ExitCode(2)
    }
    return data
}

/// A secret (token, webhook key) from `file`, trimmed, when given; else from the environment variable.
func readSecret(file: String?, environment variable: String, what: String) throws -> String? {
    guard let file else { return ProcessInfo.processInfo.environment[variable] }
    return String(decoding: try readInputFile(file, what: what), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
