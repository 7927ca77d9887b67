/// Where in a request a field was found. The location is its own key, never a path prefix.
package enum FieldLocation: String, Sendable {
    case query
    case body
    case header
    case cookie
    case path
}

/// One extracted field: its location, its path in the corpus notation (`data[0].user_data.em[0]`,
/// `data#b64.properties.distinct_id`, `payload#json.email`) and its value as text after decoding.
package struct ExtractedField: Sendable, Equatable {
    package var location: FieldLocation
    package var path: String
    package var value: String

    package init(location: FieldLocation, path: String, value: String) {
        self.location = location
        self.path = path
        self.value = value
    }
}

/// Bounds on extraction. Every cap that drops something is counted (see `PayloadExtractor.Report`).
///
/// Defaults: `maxFields` 10_000 fields per request, `maxDepth` 64 nested containers, `maxLayers` 4
/// decoded layers (`#b64`, `#json`) on one path, `maxValueBytes` 64 KiB per value (longer values are
/// truncated at a UTF-8 boundary and counted), `maxTotalBytes` 16 MiB of paths and values per request
/// (long keys repeat in every path below them; fields past the cap are dropped and counted).
package struct PayloadLimits: Sendable, Equatable {
    package var maxFields: Int
    package var maxDepth: Int
    package var maxLayers: Int
    package var maxValueBytes: Int
    package var maxTotalBytes: Int

    package init(maxFields: Int = 10_000, maxDepth: Int = 64, maxLayers: Int = 4, maxValueBytes: Int = 64 * 1024,
                 maxTotalBytes: Int = 16 << 20) {
        self.maxFields = maxFields
        self.maxDepth = maxDepth
        self.maxLayers = maxLayers
        self.maxValueBytes = maxValueBytes
        self.maxTotalBytes = maxTotalBytes
    }
}
