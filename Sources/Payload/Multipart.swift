/// Splits `multipart/form-data` bodies into `MultipartPart`s (see there for the contract).
package enum Multipart {
    /// The boundary parameter of a Content-Type value, unquoted; nil when absent.
    package static func boundary(contentType: String) -> String? {
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingSpaces().lowercased() == "boundary" else { continue }
            var v = kv[1].trimmingSpaces()
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v.isEmpty ? nil : v
        }
        return nil
    }

    package static func parts(_ body: ArraySlice<UInt8>, boundary: String, maxParts: Int) -> (parts: [MultipartPart], truncated: Bool) {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [MultipartPart] = []
        guard var cursor = find(delimiter, in: body, from: body.startIndex) else { return ([], true) }
        while parts.count < maxParts {
            var p = cursor + delimiter.count
            if p + 1 < body.endIndex, body[p] == 45, body[p + 1] == 45 { return (parts, false) }   // closing `--`
            while p < body.endIndex, body[p] == 32 || body[p] == 9 { p += 1 }
            if p + 1 < body.endIndex, body[p] == 13, body[p + 1] == 10 { p += 2 } else if p < body.endIndex, body[p] == 10 { p += 1 }
            guard let headEnd = find(Array("\r\n\r\n".utf8), in: body, from: p) else { return (parts, true) }
            let head = String(decoding: body[p..<headEnd], as: UTF8.self)
            let contentStart = headEnd + 4
            guard let next = find([13, 10] + delimiter, in: body, from: contentStart) else { return (parts, true) }
            var part = MultipartPart(name: "", filename: nil, contentType: nil, body: body[contentStart..<next])
            for line in head.split(separator: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = parameter("name", in: String(line)) ?? ""
                    part.filename = parameter("filename", in: String(line))
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = String(line.dropFirst("content-type:".count)).trimmingSpaces()
                }
            }
            parts.append(part)
            cursor = next + 2
        }
        return (parts, true)
    }

    private static func parameter(_ name: String, in line: String) -> String? {
        for seg in line.split(separator: ";").dropFirst() {
            let kv = seg.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingSpaces().lowercased() == name else { continue }
            var v = kv[1].trimmingSpaces()
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }

    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>, from: Int) -> Int? {
        guard !needle.isEmpty, hay.endIndex - from >= needle.count else { return nil }
        var i = from
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
