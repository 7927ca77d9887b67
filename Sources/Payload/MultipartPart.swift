/// `multipart/form-data` (RFC 7578) split into parts. Each part gives its `name`, optional
/// `filename`, optional content type and its body bytes (borrowed slices of the input).
/// Missing closing delimiter: the parts found so far are returned and `truncated` is set.
package struct MultipartPart {
    package var name: String
    package var filename: String?
    package var contentType: String?
    package var body: ArraySlice<UInt8>
}
