# frozen_string_literal: true

# Loaded as a plugin into the throwaway site that tools/jekyll/regenerate.py builds. It changes
# nothing Jekyll does; it records what Jekyll did, into the JSON file named by SEEDLINT_OBSERVE_OUT:
# each document's and page's final data and output path, whether its front matter was split off,
# the read error Jekyll logged for it, and the static files with their output paths.
require "json"
require_relative "seedlint_ruby_value"

module SeedlintObserver
  RECORDS = { "documents" => {}, "errors" => {}, "split" => {}, "static_files" => {} }

  def self.record_split(relative_path, content, raw)
    RECORDS["split"][relative_path] = (content != raw)
  end

  # Wraps Jekyll's own methods and calls them unchanged.
  module DocumentHooks
    def read_content(**opts)
      super
      SeedlintObserver.record_split(relative_path, content, File.read(path, **Jekyll::Utils.merged_file_read_opts(site, opts)))
    end

    def handle_read_error(error)
      RECORDS["errors"][relative_path] = SeedlintRubyValue.error(error)
      super
    end
  end

  # A page reads its front matter in Convertible#read_yaml, which logs a read error as a warning.
  module PageHooks
    def read_yaml(base, name, opts = {})
      warnings = SeedlintObserver.capture_warnings { super }
      RECORDS["errors"][relative_path] = warnings.first if warnings.any?
      raw = File.read(site.in_source_dir(base, name), **Jekyll::Utils.merged_file_read_opts(site, opts))
      SeedlintObserver.record_split(relative_path, content, raw)
      data
    end
  end

  def self.capture_warnings
    warnings = []
    logger = Jekyll.logger
    original = logger.method(:warn)
    logger.define_singleton_method(:warn) do |topic, message = nil|
      warnings << [topic, message].compact.join(" ").sub(%r!\s*/\S+:!, ":")
      original.call(topic, message)
    end
    yield
    warnings
  ensure
    logger.singleton_class.send(:remove_method, :warn)
  end
end

Jekyll::Document.prepend(SeedlintObserver::DocumentHooks)
Jekyll::Page.prepend(SeedlintObserver::PageHooks)

Jekyll::Hooks.register :site, :post_write do |site|
  records = SeedlintObserver::RECORDS
  documents = site.collections.values.flat_map(&:docs) + site.pages
  documents.each do |doc|
    records["documents"][doc.relative_path] = {
      "data" => SeedlintRubyValue.encode(doc.data.to_h), "dest" => doc.destination(site.dest),
    }
  end
  site.static_files.each do |file|
    records["static_files"][file.relative_path.sub(%r!\A/!, "")] = file.destination(site.dest)
  end
  File.write(ENV.fetch("SEEDLINT_OBSERVE_OUT"), JSON.generate(records))
end
