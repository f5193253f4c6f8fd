// `strata img create|info|check`: creating and inspecting disk images.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "block/image_create.h"

namespace strata::cli {

class ImgCommand final {
 public:
  // Registers the subcommand and its own subcommands on `app`.
  explicit ImgCommand(CLI::App& app);
  ImgCommand(const ImgCommand&) = delete;
  ImgCommand& operator=(const ImgCommand&) = delete;

  // True when the command line chose `img`.
  bool chosen() const { return img_->parsed(); }
  // Runs the chosen action; returns the exit status.
  int run() const;

 private:
  int create() const;
  int info() const;
  int check() const;

  CLI::App* img_;
  CLI::App* create_;
  CLI::App* info_;
  CLI::App* check_;
  std::string path_;
  std::string size_;
  std::string compat_ = "1.1";
  std::string cluster_size_ = "64K";
  block::CreateOptions options_;
};

}  // namespace strata::cli
