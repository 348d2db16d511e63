-- User commands, defined whether the server was enabled through
-- require('corroborate').setup() or vim.lsp.enable('corroborate').
if vim.g.loaded_corroborate then
  return
end
vim.g.loaded_corroborate = true

vim.api.nvim_create_user_command('CorroborateReindex', function(cmd)
  require('corroborate').reindex({ all = cmd.bang })
end, {
  bang = true,
  desc = 'corroborate: re-read corroborate.toml and the corpus of this draft (! every root)',
})

vim.api.nvim_create_user_command('CorroborateSources', function(cmd)
  require('corroborate').show_sources({ view = cmd.args ~= '' and cmd.args or nil })
end, {
  nargs = '?',
  complete = function()
    return { 'quickfix', 'float' }
  end,
  desc = 'corroborate: the sources of the sentence under the cursor (quickfix or float)',
})
