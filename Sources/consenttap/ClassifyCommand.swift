import ArgumentParser
import Foundation
import Classify

/// `consenttap classify FILE.jsonl`: classify fields in the PII corpus format.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify payload fields given as JSON Lines {id, field_path, value, context}.",
        discussion: "Writes {\"id\", \"label\", \"confidence\"} per record. Malformed lines are counted on stderr and skipped."
    )

    @Argument(help: "Input JSON Lines file, or '-' for standard input.") var file: String

    func run() throws {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            text = String(decoding: try readInputFile(file, what: "input"), as: UTF8.self)
        }
        let out = OutputStream(fd: 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let result = CorpusClassifier.run(input: lines) { out.write($0 + "\n") }
        out.flush()
        printError("records: \(result.records)")
        if result.malformed > 0 { printError("malformed_lines: \(result.malformed)") }
    }
}
