# frozen_string_literal: true

# Loaded as a plugin into the throwaway site that tools/jekyll/regenerate.py builds. It changes
# nothing Jekyll does; it records what Jekyll did, into the JSON file named by SEEDLINT_OBSERVE_OUT:
# each collection document's final data, whether its front matter was split off, the read error
# Jekyll logged for it, and the collection's static files.
require "json"
require_relative "seedlint_ruby_value"

module SeedlintObserver
  RECORDS = { "documents" => {}, "errors" => {}, "split" => {}, "static_files" => [] }

  # Wraps Jekyll's own methods and calls them unchanged.
  module DocumentHooks
    def read_content(**opts)
      super
      raw = File.read(path, **Jekyll::Utils.merged_file_read_opts(site, opts))
      RECORDS["split"][relative_path] = (content != raw)
    end

    def handle_read_error(error)
      RECORDS["errors"][relative_path] = SeedlintRubyValue.error(error)
      super
    end
  end
end

Jekyll::Document.prepend(SeedlintObserver::DocumentHooks)

Jekyll::Hooks.register :site, :post_write do |site|
  records = SeedlintObserver::RECORDS
  site.collections.each_value do |collection|
    collection.docs.each do |doc|
      records["documents"][doc.relative_path] = SeedlintRubyValue.encode(doc.data.to_h)
    end
    collection.files.each { |file| records["static_files"] << file.relative_path.sub(%r!\A/!, "") }
  end
  File.write(ENV.fetch("SEEDLINT_OBSERVE_OUT"), JSON.generate(records))
end
