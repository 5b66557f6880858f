"""Stage 3, rendering: the contract model + a template folder -> a block document (paragraphs, tables,
page breaks) in Chinese, English or side by side. Pure: reads templates, writes nothing."""
