import Primitives

extension PayloadExtractor {
    /// Walks the tokens of one JSON text, keeping the current field path in one byte buffer:
    /// `a.b[3].c`; top-level values of a multi-document text (NDJSON) are `prefix[n]`.
    struct JSONWalker: JSONTokenSink {
        private struct Frame {
            var isObject: Bool
            var base: Int      // length of the container's own path
            var index: Int     // next element index (arrays)
        }

        let run: Run
        let location: FieldLocation
        let prefix: [UInt8]
        let layers: Int
        /// Truncated to a container's base in O(1) (an array's `removeLast(k)` is a range replacement).
        private let path: ByteBuffer
        private var frames: [Frame] = []
        private var documents = 0
        private let firstField: Int

        init(run: Run, location: FieldLocation, prefix: [UInt8], layers: Int) {
            self.run = run
            self.location = location
            self.prefix = prefix
            self.layers = layers
            firstField = run.out.arena.fields.count
            path = ByteBuffer(capacity: prefix.count + 64)
            frames.reserveCapacity(8)
        }

        mutating func token(_ kind: JSONToken, _ text: UnsafeBufferPointer<UInt8>) {
            switch kind {
            case .objectStart, .arrayStart:
                enterValue()
                frames.append(Frame(isObject: kind == .objectStart, base: path.count, index: 0))
            case .objectEnd, .arrayEnd:
                frames.removeLast()
                leaveValue()
            case .key:
                let base = frames[frames.count - 1].base
                path.count = base
                if base > 0 { path.append(UInt8(ascii: ".")) }
                path.append(text)
            case .string:
                enterValue()
                run.stringValue(location, currentPath, text, layers: layers)
                leaveValue()
            case .number:
                enterValue()
                run.emit(location, currentPath, text)
                leaveValue()
            case .true, .false:
                enterValue()
                run.emit(location, currentPath, (kind == .true ? "true" : "false").utf8)
                leaveValue()
            case .null:
                enterValue()
                leaveValue()
            }
        }

        /// The current path, borrowed until the next token.
        private var currentPath: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: path.base, count: path.count) }

        /// Sets `path` to the path of the value that starts now.
        private mutating func enterValue() {
            if let top = frames.last {
                guard !top.isObject else { return }   // the key set it
                path.count = top.base
                path.append(UInt8(ascii: "["))
                path.appendDecimal(top.index)
                path.append(UInt8(ascii: "]"))
                return
            }
            path.count = 0
            prefix.withUnsafeBufferPointer { path.append($0) }
            if documents == 1 {
                // A second top-level value: the text is NDJSON, so the first one's fields become `prefix[0]...`.
                run.out.arena.indexFirstDocument(from: firstField, prefixCount: prefix.count)
            }
            if documents >= 1 {
                path.append(UInt8(ascii: "["))
                path.appendDecimal(documents)
                path.append(UInt8(ascii: "]"))
            }
        }

        private mutating func leaveValue() {
            if let top = frames.last {
                if !top.isObject { frames[frames.count - 1].index += 1 }
            } else {
                documents += 1
            }
        }
    }
}
