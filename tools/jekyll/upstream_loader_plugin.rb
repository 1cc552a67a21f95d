# frozen_string_literal: true

# Makes Debian's Jekyll 4.3.1 read front matter as upstream Jekyll (and GitHub Pages) do:
# upstream's Document#read_content and Convertible#read_yaml call SafeYAML.load (SafeYAML 1.0.5,
# warnings suppressed as lib/jekyll.rb does), where Debian's patch calls Utils.safe_load_yaml
# (Psych.safe_load). SEEDLINT_SAFE_YAML_LIB names SafeYAML's lib directory.
$LOAD_PATH.unshift(ENV.fetch("SEEDLINT_SAFE_YAML_LIB"))
require "safe_yaml/load"
SafeYAML::OPTIONS[:suppress_warnings] = true

module Jekyll
  module Utils # it `extend self`s: this method is what Utils.safe_load_yaml calls
    def safe_load_yaml(yaml)
      SafeYAML.load(yaml)
    end
  end
end
