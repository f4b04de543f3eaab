import BundleDiff
import BundleModel
import FuzzSupport

/// The semantic diff of two mutated bundles: the input is the old bundle, a `#@new` line, and the new
/// one (each split into files as FuzzInput reads them). Comparing, rendering as text, Markdown and
/// JSON, and the revision summary never crash or hang; a bundle compared with itself has no changes.
public func fuzzSemanticDiff(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, count)
    let marker = Array("\n#@new\n".utf8)
    var split = bytes.count
    if bytes.count >= marker.count {
        for index in 0...(bytes.count - marker.count) where bytes[index..<index + marker.count].elementsEqual(marker) {
            split = index
            break
        }
    }
    let oldBytes = Array(bytes[..<split])
    let newBytes = split < bytes.count ? Array(bytes[(split + marker.count)...]) : oldBytes
    let old = BundleSnapshot(label: "old", source: FuzzInput.source(oldBytes))
    let new = BundleSnapshot(label: "new", source: FuzzInput.source(newBytes))
    let result = BundleComparison.compare(old, new, patches: true)
    _ = DiffTextFormatter().render(result)
    _ = DiffMarkdownFormatter().render(result)
    _ = DiffJSONFormatter().render(result)
    _ = BundleComparison.revisionChanges(old, new)
    let itself = BundleComparison.compare(old, BundleSnapshot(label: "again", source: FuzzInput.source(oldBytes)))
    if !itself.groups.isEmpty {
        FuzzInput.fail("a bundle differs from itself: \(DiffTextFormatter().render(itself))", bytes)
    }
    return 0
}
