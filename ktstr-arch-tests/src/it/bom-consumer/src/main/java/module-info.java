/** An embedding application that reads the API and gets a store through the provider lookup. */
module com.example.embedder {
    requires dev.ktstr.api;
}
