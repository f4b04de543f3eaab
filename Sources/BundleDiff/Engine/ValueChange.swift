import BundleModel

/// One difference between two configurations.
public struct ValueChange: Sendable {
    public enum Kind: Sendable, Equatable {
        case added
        case removed
        case modified
        /// An unchanged list entry that changed position.
        case moved(from: Int, to: Int)
        /// An element added to or removed from a list compared as a set (notification addresses).
        case elementAdded
        case elementRemoved
    }

    public var kind: Kind
    public var path: DiffPath
    public var old: YAMLNode?
    public var new: YAMLNode?
}
