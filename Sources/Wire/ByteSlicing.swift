/// Sub-buffer helpers for borrowed packet bytes. Callers check bounds before slicing.
extension UnsafeRawBufferPointer {
    /// Bytes `from..<to` of this buffer, as a buffer indexed from 0 (still borrowed).
    @inline(__always) func wireSlice(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[from..<to])
    }

    /// Bytes from `from` to the end, indexed from 0 (still borrowed).
    @inline(__always) func wireSlice(from: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[from..<count])
    }
}
