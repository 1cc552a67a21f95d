# frozen_string_literal: true

# What Jekyll makes of files, as JSON (tests/data/jekyll/README.md describes the format).
#
#   ruby read_front_matter.rb --flavour safe_yaml|psych [--safe-yaml DIR] [FILE...]
#   ruby read_front_matter.rb --versions [--safe-yaml DIR]    # Ruby, Psych, libyaml, Jekyll, SafeYAML
#
# With no FILE, reads a JSON array of {"id": ..., "text": ...} (or "b64" for raw bytes) on stdin.
# Prints one JSON object mapping each id (or path) to what Jekyll makes of it.
#
# It uses Jekyll's own code for the decisions it takes: Utils.has_yaml_header? (a document or a
# static file copied raw), Document::YAML_FRONT_MATTER_REGEXP (where the front matter ends) and,
# for the psych flavour, Debian's Utils.safe_load_yaml (Psych.safe_load). The safe_yaml flavour
# loads with SafeYAML.load as upstream Jekyll 3.x/4.x and GitHub Pages do. A load error is what
# Jekyll logs as "could not read file"; it keeps the document without its front matter.
# Exit status 3: a requirement (jekyll, SafeYAML) is missing.
require "json"
require "base64"
require "optparse"
require "tmpdir"
require_relative "ruby_value"

# A location given (--safe-yaml, else SEEDLINT_SAFE_YAML) is the only one tried; without one,
# ../shared/jekyll/safe_yaml beside the repository.
def safe_yaml_lib(dir)
  candidate = dir || ENV["SEEDLINT_SAFE_YAML"] || File.expand_path("../../../shared/jekyll/safe_yaml", __dir__)
  lib = File.basename(candidate) == "lib" ? candidate : File.join(candidate, "lib")
  File.file?(File.join(lib, "safe_yaml", "load.rb")) ? lib : nil
end

def load_requirements(options)
  begin
    require "jekyll"
  rescue LoadError => e
    warn "skipped: jekyll is not installed (#{e.message})"
    exit 3
  end
  return unless options[:flavour] == "safe_yaml"

  lib = safe_yaml_lib(options[:safe_yaml])
  if lib.nil?
    warn "skipped: SafeYAML 1.0.5 not found (set SEEDLINT_SAFE_YAML or --safe-yaml to its directory)"
    exit 3
  end
  $LOAD_PATH.unshift(lib)
  require "safe_yaml/load"
  SafeYAML::OPTIONS[:suppress_warnings] = true # as upstream Jekyll's lib/jekyll.rb sets it
end

def load_yaml(text, flavour)
  flavour == "safe_yaml" ? SafeYAML.load(text) : Jekyll::Utils.safe_load_yaml(text)
end

# Jekyll::Document#read: the header check, then read_content and merge_data! (which raises on a
# front matter that is not a mapping, as in Jekyll: merge_categories! calls #key? on it).
def read_like_jekyll(path, flavour)
  return { "read_as" => "static_file" } unless Jekyll::Utils.has_yaml_header?(path)

  begin # Document#read rescues StandardError around read_content and merge_data!
    content = File.read(path, **Jekyll::Utils.merged_file_read_opts(nil, encoding: "utf-8"))
    match = Jekyll::Document::YAML_FRONT_MATTER_REGEXP.match(content)
    return { "read_as" => "document_without_front_matter", "reason" => "no_closing_line" } unless match

    data = load_yaml(match[1], flavour)
    data.key?("categories") if data # what merge_data! does first: fails unless data is a Hash
    { "read_as" => "document", "front_matter" => SeedlintRubyValue.encode(data) }
  rescue StandardError => e
    { "read_as" => "document_without_front_matter", "reason" => "read_error", "error" => SeedlintRubyValue.error(e) }
  end
end

options = { flavour: "safe_yaml" }
OptionParser.new do |parser|
  parser.on("--flavour NAME", %w(safe_yaml psych)) { |value| options[:flavour] = value }
  parser.on("--safe-yaml DIR") { |value| options[:safe_yaml] = value }
  parser.on("--versions", "print the versions of what reads, and exit") { options[:versions] = true }
end.parse!
load_requirements(options)

if options[:versions]
  versions = { "ruby" => RUBY_VERSION, "psych" => Psych::VERSION, "libyaml" => Psych::LIBYAML_VERSION,
               "jekyll" => Jekyll::VERSION }
  if options[:flavour] == "safe_yaml"
    require "safe_yaml/version"
    versions["safe_yaml"] = SafeYAML::VERSION
  end
  puts JSON.generate(versions)
  exit
end

results = {}
if ARGV.empty?
  Dir.mktmpdir("seedlint-jekyll") do |dir|
    JSON.parse($stdin.read).each_with_index do |item, index|
      path = File.join(dir, "#{index}.md")
      File.binwrite(path, item.key?("b64") ? Base64.decode64(item["b64"]) : item["text"])
      results[item["id"]] = read_like_jekyll(path, options[:flavour])
    end
  end
else
  ARGV.each { |path| results[path] = read_like_jekyll(path, options[:flavour]) }
end
puts JSON.generate(results)
