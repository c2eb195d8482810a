/**
 * An embedding application: it reads the API only. The store, lock and probe come from whatever
 * provider modules are on the module path, bound to dev.ktstr.api's {@code uses}; this module
 * requires none of them.
 */
module com.example.embedder {
    requires dev.ktstr.api;
}
